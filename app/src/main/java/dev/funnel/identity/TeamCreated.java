package dev.funnel.identity;

/** An administrator created a team, with its parent and manager. */
public record TeamCreated(long id, String name, Long parentId, Long managerId) {
}
