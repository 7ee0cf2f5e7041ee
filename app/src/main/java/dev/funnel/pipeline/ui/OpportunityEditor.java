package dev.funnel.pipeline.ui;

import com.vaadin.flow.data.provider.DataProvider;
import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.Contact;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import java.util.List;

/** Opens the opportunity form for a new or an existing deal and saves what the user entered. */
class OpportunityEditor {

    private final OpportunityServices deals;
    private final CustomerService customers;
    private final PipelineService pipelines;
    private final UserService users;
    private final ChoiceService choices;
    private final CurrencyService currencies;

    OpportunityEditor(OpportunityServices deals, CustomerService customers, PipelineService pipelines,
                      UserService users, ChoiceService choices, CurrencyService currencies) {
        this.currencies = currencies;
        this.deals = deals;
        this.customers = customers;
        this.pipelines = pipelines;
        this.users = users;
        this.choices = choices;
    }

    /** The customer's contacts; none for a customer only the previous owner of a reassigned deal may see. */
    private List<Contact> contactsOf(long customerId) {
        try {
            return customers.contacts(customerId);
        } catch (NotFoundException notVisible) {
            return List.of();
        }
    }

    /** Opens the form; {@code saved} runs after a successful save, when the dialog has closed. */
    OpportunityForm open(Opportunity opportunity, Runnable saved) {
        DataProvider<Customer, String> customerChoices = DataProvider.fromFilteringCallbacks(
                query -> customers.list(new CustomerFilter(query.getFilter().orElse(null), null),
                        PageRequest.ofOffset(query.getOffset(), query.getLimit())).items().stream(),
                query -> (int) customers.count(new CustomerFilter(query.getFilter().orElse(null), null)));
        OpportunityForm form = new OpportunityForm(opportunity, customerChoices, this::contactsOf, users.assignableOwners(),
                pipelines.list(), choices.leadSources(), currencies.currencies());
        if (deals.queries().gradesFollowScorer()) {
            form.gradeFollowsScorer();
        }
        form.addSaveListener(e -> {
            if (form.errors().attempt(() -> save(form))) {
                form.close();
                saved.run();
            }
        });
        form.open();
        return form;
    }

    /**
     * Saves the fields. The stage and the outcome are not edited here: a deal moves on the stage path, the guide
     * or the board, through the gate, and closes with the Won and Lost actions.
     */
    void save(OpportunityForm form) {
        if (form.editing() == null) {
            deals.editing().create(form.draft());
            return;
        }
        form.editing(deals.editing().update(form.editing().id(), form.editing().version(), form.draft()));
    }

}
