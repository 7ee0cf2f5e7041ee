package dev.funnel.analytics.ui;

import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import dev.funnel.analytics.PeriodKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A month or a quarter, picked among the few before and after the current one; starts on the current one. */
class PeriodPicker extends HorizontalLayout {

    final Select<PeriodKind> kind = new Select<>();
    final Select<LocalDate> period = new Select<>();

    PeriodPicker(LocalDate today, int periodsBack, int periodsAhead, Runnable changed) {
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setPadding(false);
        kind.setLabel(getTranslation("target.kind"));
        kind.setItems(PeriodKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("target.kind." + k.name()));
        period.setLabel(getTranslation("target.period"));
        kind.addValueChangeListener(e -> {
            List<LocalDate> starts = new ArrayList<>();
            LocalDate current = e.getValue().start(today);
            int step = e.getValue() == PeriodKind.MONTH ? 1 : 3;
            for (int i = -periodsBack; i <= periodsAhead; i++) {
                starts.add(current.plusMonths((long) i * step));
            }
            period.setItems(starts);
            period.setItemLabelGenerator(s -> e.getValue().label(s));
            period.setValue(current);
        });
        period.addValueChangeListener(e -> changed.run());
        add(kind, period);
    }

    PeriodKind kind() {
        return kind.getValue();
    }

    LocalDate start() {
        return period.getValue();
    }
}
