package dev.funnel.customer.web;

import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerPoolService;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer pool (公海) over REST. */
@RestController
@RequestMapping("/api/v1/pool")
@Tag(name = "Customer pool")
class PoolController {

    private final CustomerPoolService pool;

    PoolController(CustomerPoolService pool) {
        this.pool = pool;
    }

    @GetMapping
    @Operation(summary = "Customers in the pool, by name or credit code (q)")
    PageResult<Customer> list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "20") int size) {
        return pool.list(q, PageRequest.of(page, size));
    }

    @PostMapping("/{customerId}/claim")
    @Operation(summary = "Claim a customer from the pool, within the daily limit")
    Customer claim(@PathVariable long customerId) {
        return pool.claim(customerId);
    }
}
