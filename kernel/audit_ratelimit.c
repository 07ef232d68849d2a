// SPDX-License-Identifier: GPL-2.0
/*
 * The records-per-second limit (struct audit_status rate_limit).
 *
 * A token bucket kept in nanoseconds: the bucket holds at most one second
 * of credit, a record costs NSEC_PER_SEC / limit, and credit accrues with
 * the clock.  A burst of up to @limit records is allowed after a quiet
 * second, and the long-run rate never exceeds @limit.  The functions take
 * the time as an argument so that the KUnit suite can drive the clock.
 */
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

#include "audit.h"

struct audit_ratelimit audit_rate = {
	.lock = __SPIN_LOCK_UNLOCKED(audit_rate.lock),
};

void audit_ratelimit_init(struct audit_ratelimit *rl, u32 limit, u64 now_ns)
{
	spin_lock_init(&rl->lock);
	rl->limit = limit;
	rl->credit_ns = NSEC_PER_SEC;
	rl->last_ns = now_ns;
}

/* A new limit starts with a full bucket, as if the system had been quiet. */
void audit_ratelimit_set(struct audit_ratelimit *rl, u32 limit, u64 now_ns)
{
	unsigned long flags;

	spin_lock_irqsave(&rl->lock, flags);
	rl->limit = limit;
	rl->credit_ns = NSEC_PER_SEC;
	rl->last_ns = now_ns;
	spin_unlock_irqrestore(&rl->lock, flags);
}

bool audit_ratelimit_allow(struct audit_ratelimit *rl, u64 now_ns)
{
	unsigned long flags;
	bool allow = true;
	u64 cost;

	if (!READ_ONCE(rl->limit))
		return true;

	spin_lock_irqsave(&rl->lock, flags);
	if (rl->limit) {
		/* A clock that went backwards earns nothing. */
		if (now_ns > rl->last_ns)
			rl->credit_ns = min_t(u64, NSEC_PER_SEC,
					      rl->credit_ns + (now_ns - rl->last_ns));
		rl->last_ns = now_ns;
		cost = div_u64(NSEC_PER_SEC, rl->limit);
		if (rl->credit_ns >= cost)
			rl->credit_ns -= cost;
		else
			allow = false;
	}
	spin_unlock_irqrestore(&rl->lock, flags);
	return allow;
}
