/** Follow-up records: calls, visits, meetings, e-mails, WeChat messages and notes. */
package dev.funnel.followup;
