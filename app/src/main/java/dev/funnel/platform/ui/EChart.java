package dev.funnel.platform.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

/**
 * An Apache ECharts chart (the npm package, wrapped in the custom element {@code funnel-echart.js}). The chart is
 * described by an ECharts option object as JSON; clicks on its bars, slices and points come back as
 * {@link ClickEvent}s so that every figure can open the records behind it.
 */
@Tag("funnel-echart")
@NpmPackage(value = "echarts", version = "6.0.0")
@JsModule("./funnel-echart.js")
public class EChart extends Component implements HasSize {

    public EChart() {
        setWidth("100%");
        setHeight("300px");
    }

    /** The ECharts option object, as JSON. */
    public void setOption(String optionJson) {
        getElement().setProperty("option", optionJson);
    }

    public String getOption() {
        return getElement().getProperty("option");
    }

    public Registration addClickListener(ComponentEventListener<ClickEvent> listener) {
        return addListener(ClickEvent.class, listener);
    }

    /** Saves the chart as drawn in the browser as a PNG file. */
    public void downloadPng(String fileName) {
        getElement().callJsFunction("downloadPng", fileName);
    }

    /** A click on a data item: which series, which item of it, and the item's name (its category). */
    @DomEvent("chart-click")
    public static class ClickEvent extends ComponentEvent<EChart> {

        private final int seriesIndex;
        private final int dataIndex;
        private final String name;

        public ClickEvent(EChart source, boolean fromClient,
                          @EventData("event.detail.seriesIndex") int seriesIndex,
                          @EventData("event.detail.dataIndex") int dataIndex,
                          @EventData("event.detail.name") String name) {
            super(source, fromClient);
            this.seriesIndex = seriesIndex;
            this.dataIndex = dataIndex;
            this.name = name;
        }

        public int seriesIndex() {
            return seriesIndex;
        }

        public int dataIndex() {
            return dataIndex;
        }

        public String name() {
            return name;
        }
    }
}
