# Runs inside the guest (sourced by scripts/guest-init): each test script
# in turn, its output and exit status written to the results folder,
# named as the test is: tests/integration/AREA/NAME.sh gives
# $R/AREA/NAME.log and $R/AREA/NAME.rc.
run_guest_tests() {
	old_ifs=$IFS
	IFS=,
	set -- $1
	IFS=$old_ifs
	for t in "$@"; do
		name=${t#tests/integration/}
		name=${name%.sh}
		mkdir -p "$R/$(dirname "$name")"
		echo "guest: running $name" >/dev/console
		(cd /tmp && exec timeout -k 5 "${AUDIT_TEST_TIMEOUT:-120}" \
			sh "$AUDIT_TOP/$t") >"$R/$name.log" 2>&1 </dev/null
		echo $? >"$R/$name.rc"
	done
}
