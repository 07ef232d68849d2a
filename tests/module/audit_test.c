// SPDX-License-Identifier: GPL-2.0
/*
 * A module for the integration tests, built for the test kernel by make
 * (build/tests/module/audit_test.ko).  Loaded and removed, it makes
 * finit_module and delete_module write KERN_MODULE (records/kern-module).
 * With log_after_ms=N, its init sleeps N ms and then logs a record in
 * the finit_module's event, a syscall no rule need name: the event must
 * still show the time the syscall began (records/adopted-time).
 */
#include <linux/audit.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static unsigned int log_after_ms;
module_param(log_after_ms, uint, 0444);
MODULE_PARM_DESC(log_after_ms, "log a record this long after init began");

static int __init audit_test_init(void)
{
	if (log_after_ms) {
		msleep(log_after_ms);
		audit_log(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER,
			  "op=audit_test slept=%u", log_after_ms);
	}
	return 0;
}

static void __exit audit_test_exit(void)
{
}

module_init(audit_test_init);
module_exit(audit_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Loaded and removed by the audit integration tests");
