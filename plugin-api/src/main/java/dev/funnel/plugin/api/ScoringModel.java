package dev.funnel.plugin.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a scorer learned from the company's closed deals, which the host keeps in its database and hands back
 * to every {@link OpportunityScorer#score(DealSnapshot, ScoringModel)} call until the next training. Immutable:
 * the bytes are copied in and out.
 *
 * @since 1.4.0
 */
public final class ScoringModel {

    private final String version;
    private final byte[] data;
    private final ModelReport report;

    /**
     * @param version a text the scorer recognises its own format by, for example {@code logistic-2026-12-04};
     *                shown to administrators
     * @param data    the model in the scorer's own format; the host never reads it
     * @param report  how well it did on deals it was not trained on, for administrators
     * @since 1.4.0
     */
    public ScoringModel(String version, byte[] data, ModelReport report) {
        this.version = Objects.requireNonNull(version, "version");
        this.report = Objects.requireNonNull(report, "report");
        this.data = data == null ? new byte[0] : data.clone();
    }

    /** @since 1.4.0 */
    public String version() {
        return version;
    }

    /** A copy of the model's bytes. @since 1.4.0 */
    public byte[] data() {
        return data.clone();
    }

    /** @since 1.4.0 */
    public ModelReport report() {
        return report;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoringModel model && version.equals(model.version)
                && Arrays.equals(data, model.data) && report.equals(model.report);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(data), report);
    }

    @Override
    public String toString() {
        return "ScoringModel[version=" + version + ", " + data.length + " bytes, report=" + report + "]";
    }
}
