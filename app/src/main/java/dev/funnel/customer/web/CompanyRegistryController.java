package dev.funnel.customer.web;

import dev.funnel.customer.CustomerService;
import dev.funnel.customer.RegistryAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The business registry (工商信息) over REST, as the customer form uses it. */
@RestController
@Tag(name = "Customers")
class CompanyRegistryController {

    private final CustomerService customers;

    CompanyRegistryController(CustomerService customers) {
        this.customers = customers;
    }

    @GetMapping("/api/v1/company-registry")
    @Operation(summary = "Companies the business registry finds for a name or unified social credit code (q, two "
            + "characters or more): registered name, credit code, legal representative, registered capital and "
            + "its currency, founding date, status and address. available is false when no registry plugin is set "
            + "up; problem says why a registry did not answer (it failed, or took longer than 4 s)")
    RegistryAnswer lookUp(@RequestParam String q) {
        return customers.lookUpRegistry(q);
    }
}
