package dev.funnel.customer.web;

import dev.funnel.customer.Contact;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.customer.DuplicateCandidate;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
class CustomerController {

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    /**
     * The body of a create or update (an update replaces every field); {@code version} is required on update
     * (optimistic locking).
     */
    record CustomerRequest(String name, String creditCode, String legalRepresentative, BigDecimal registeredCapital,
                           String capitalCurrency, LocalDate establishedOn, String industry, Integer employeeCount,
                           String country, String city, String address, String website, String phone, String email,
                           CustomerStatus status, String source, Long parentId, List<String> tags, Long ownerId,
                           String notes, Integer version) {

        CustomerDraft draft() {
            return new CustomerDraft(name, creditCode, legalRepresentative, registeredCapital, capitalCurrency,
                    establishedOn, industry, employeeCount, country, city, address, website, phone, email, status,
                    source, parentId, tags, ownerId, notes);
        }
    }

    @GetMapping
    @Operation(summary = "Customers the caller may see, by name or credit code (q) and owner, in name order; "
            + "updatedSince and afterId narrow it for an incremental sync, in id order")
    PageResult<Customer> list(@RequestParam(required = false) String q, @RequestParam(required = false) Long ownerId,
                              @RequestParam(required = false)
                              @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                              @RequestParam(required = false) Long afterId,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return customers.list(new CustomerFilter(q, ownerId, new SyncWindow(updatedSince, afterId)),
                PageRequest.of(page, size));
    }

    @GetMapping("/{id}/contacts")
    @Operation(summary = "The customer's contacts, by name")
    List<Contact> contacts(@PathVariable long id) {
        return customers.contacts(id);
    }

    @PostMapping("/{id}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a contact to the customer")
    Contact addContact(@PathVariable long id, @RequestBody ContactController.ContactRequest request) {
        return customers.addContact(id, request.draft());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer; 404 when it does not exist or the caller may not see it")
    Customer get(@PathVariable long id) {
        return customers.get(id);
    }

    @PostMapping("/duplicates")
    @Operation(summary = "Existing customers that look like this one (same credit code, normalised name, phone or "
            + "e-mail), across all owners; a credit-code match blocks saving. excludeId leaves out the customer "
            + "being edited")
    List<DuplicateCandidate> duplicates(@RequestBody CustomerRequest request,
                                        @RequestParam(required = false) Long excludeId) {
        return customers.findDuplicates(request.draft(), excludeId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a customer; the owner defaults to the caller")
    Customer create(@RequestBody CustomerRequest request) {
        return customers.create(request.draft());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a customer's fields; 409 when the version is stale")
    Customer update(@PathVariable long id, @RequestBody CustomerRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return customers.update(id, request.version(), request.draft());
    }
}
