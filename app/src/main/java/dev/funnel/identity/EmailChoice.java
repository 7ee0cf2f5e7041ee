package dev.funnel.identity;

/** How a user's notifications reach them by e-mail, besides the app. */
public enum EmailChoice {
    /** One e-mail per notification, within a minute. */
    IMMEDIATE,
    /** One e-mail a day with everything since the last. */
    DIGEST,
    /** None. */
    OFF
}
