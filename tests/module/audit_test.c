// SPDX-License-Identifier: GPL-2.0
/*
 * A module that does nothing, for records/kern-module: loaded and removed
 * in the guest, so that finit_module and delete_module write KERN_MODULE.
 * Built for the test kernel by make (build/tests/module/audit_test.ko).
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init audit_test_init(void)
{
	return 0;
}

static void __exit audit_test_exit(void)
{
}

module_init(audit_test_init);
module_exit(audit_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Loaded and removed by the audit integration tests");
