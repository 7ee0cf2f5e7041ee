package dev.funnel.plugin.api;

import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Declares what administrators can enter for a plugin: kinds of records (for example webhook targets), each
 * with its fields. The host draws the forms in Admin &gt; Plugins, checks each field by its type, stores the
 * records, and hands them to the plugin through {@link PluginContext#records(String)}.
 *
 * @since 1.1.0
 */
public interface PluginSettings extends ExtensionPoint {

    /**
     * The kinds of records, in the order the forms show them.
     *
     * @return at least one kind
     * @since 1.1.0
     */
    List<RecordKind> recordKinds();

    /**
     * Further checks of a record after the host's checks by field type passed; the default accepts everything.
     *
     * @param kind   the record's kind
     * @param values the record's values by field key
     * @return the problems, each naming its field; empty when the record is acceptable
     * @since 1.1.0
     */
    default List<SettingProblem> validate(String kind, Map<String, String> values) {
        return List.of();
    }
}
