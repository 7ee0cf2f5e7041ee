/**
 * The Funnel plugin API: the extension points a plugin may implement and the plain value types they exchange
 * with the host.
 *
 * <p>Rules every type here follows: no dependency on Spring, jOOQ or Vaadin; values are immutable records;
 * new methods on an extension point arrive as {@code default} methods so that older plugins keep working;
 * anything removed is deprecated for one minor release first. A plugin declares the API range it needs in its
 * manifest, for example {@code Plugin-Requires: >=1.0.0 & <2.0.0}; see {@link dev.funnel.plugin.api.PluginApi#VERSION}.
 *
 * @since 1.0.0
 */
package dev.funnel.plugin.api;
