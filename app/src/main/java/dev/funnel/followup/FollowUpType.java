package dev.funnel.followup;

/** The kinds of follow-up. */
public enum FollowUpType {
    CALL,
    VISIT,
    MEETING,
    EMAIL,
    WECHAT,
    NOTE
}
