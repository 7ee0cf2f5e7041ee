/**
 * Calendar feeds (日历订阅): a user's open tasks and planned follow-ups as an iCalendar file that Outlook, DingTalk,
 * Feishu and phone calendars subscribe to. The private address and its secret are the identity module's; this module
 * only says what the calendar holds.
 */
package dev.funnel.calendar;
