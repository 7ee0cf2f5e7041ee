/**
 * Review meetings (复盘会): a manager reviews a team's pipeline for a week or a month on an agenda Funnel prepares
 * from the analytics (the funnel against the previous period, what moved since the last review, the flagged deals,
 * each rep's target, forecast and wins, the last review's decisions and whether they were done), records notes
 * and decisions (each decision a task), and closes the review, which freezes its figures for good.
 */
package dev.funnel.review;
