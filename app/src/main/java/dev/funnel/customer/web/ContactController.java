package dev.funnel.customer.web;

import dev.funnel.customer.BuyingRole;
import dev.funnel.customer.Contact;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.CustomerService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts across customers; a customer's own contacts are also under /api/v1/customers/{id}/contacts. */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactController {

    private final CustomerService customers;

    ContactController(CustomerService customers) {
        this.customers = customers;
    }

    /** A contact as added or replaced; {@code version} is required on update (optimistic locking). */
    record ContactRequest(String name, String title, String phone, String mobile, String email,
                          BuyingRole buyingRole, Integer version) {

        ContactDraft draft() {
            return new ContactDraft(name, title, phone, email, buyingRole, mobile);
        }
    }

    @GetMapping
    @Operation(summary = "The contacts of every customer the caller may see, in id order; updatedSince and afterId "
            + "narrow it for an incremental sync")
    PageResult<Contact> list(@RequestParam(required = false)
                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                             @RequestParam(required = false) Long afterId,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return customers.contacts(new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact; 404 when it does not exist or the caller may not see its customer")
    Contact get(@PathVariable long id) {
        return customers.contact(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a contact's fields; 409 when the version is stale")
    Contact update(@PathVariable long id, @RequestBody ContactRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return customers.updateContact(id, request.version(), request.draft());
    }
}
