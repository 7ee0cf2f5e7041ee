package dev.funnel.order.web;

import dev.funnel.order.Order;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.OrderService;
import dev.funnel.order.Payment;
import dev.funnel.order.PaymentDraft;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders and their payments (回款). Whoever sees a customer sees its orders. An order's number is unique, which is
 * what an ERP sync keys on (docs/api.md has the example); payments are added, never changed.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /** A new order; the currency defaults to the company's. A deal it names must be of the same customer. */
    record OrderRequest(String number, Long customerId, Long opportunityId, LocalDate orderDate, BigDecimal amount,
                        String currency, String notes) {

        OrderDraft draft() {
            return new OrderDraft(number, customerId, opportunityId, orderDate, amount, currency, notes);
        }
    }

    /** A payment received; {@code orderVersion} is the order's version as last read (optimistic locking). */
    record PaymentRequest(LocalDate receivedOn, BigDecimal amount, String notes, Integer orderVersion) {
    }

    @GetMapping
    @Operation(summary = "Orders of the customers the caller sees, newest first; q matches the number or the "
            + "customer's name. updatedSince and afterId narrow it for an incremental sync, in id order (a payment "
            + "moves its order's updatedAt)")
    PageResult<Order> list(@RequestParam(required = false) String q,
                           @RequestParam(required = false)
                           @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                           @RequestParam(required = false) Long afterId,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return orders.list(q, new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order with what is paid; 404 when it does not exist or the caller may not see it")
    Order get(@PathVariable long id) {
        return orders.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an order; 400 names a number already taken. Send an Idempotency-Key so that a "
            + "retry records it once")
    Order create(@RequestBody OrderRequest request) {
        return orders.create(request.draft());
    }

    @GetMapping("/{id}/payments")
    @Operation(summary = "The order's payments, latest first")
    List<Payment> payments(@PathVariable long id) {
        return orders.payments(id);
    }

    @PostMapping("/{id}/payments")
    @Operation(summary = "Record a payment against the order; it may not exceed what is outstanding nor be dated "
            + "in the future; 409 when orderVersion is stale. Answers the order with its new paid total")
    Order addPayment(@PathVariable long id, @RequestBody PaymentRequest request) {
        if (request.orderVersion() == null) {
            throw InvalidInputException.of("orderVersion", "validation.required");
        }
        return orders.addPayment(id, request.orderVersion(),
                new PaymentDraft(request.receivedOn(), request.amount(), request.notes()));
    }
}
