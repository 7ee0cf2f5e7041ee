package dev.funnel.identity;

/** An administrator renamed a team, moved it or gave it another manager: who sees whose records may change. */
public record TeamChanged(long id, String name, Long oldParentId, Long parentId, Long oldManagerId, Long managerId) {
}
