package dev.funnel.plugins.imnotify;

/** One message to a group, already in its language: a title, the text and a link back to Funnel, or none. */
record Message(String title, String text, String link, String linkLabel, boolean chinese) {
}
