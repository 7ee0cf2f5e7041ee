package dev.funnel.identity;

/** A team of reps under a manager; {@code parentId} nests it under another team. */
public record Team(long id, String name, Long parentId, Long managerId, String managerName, int memberCount,
                   int version) {
}
