package dev.funnel.activity;

/** The kinds of follow-up. */
public enum ActivityType {
    CALL,
    VISIT,
    MEETING,
    EMAIL,
    WECHAT,
    NOTE
}
