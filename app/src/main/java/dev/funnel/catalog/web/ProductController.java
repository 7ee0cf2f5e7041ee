package dev.funnel.catalog.web;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
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
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
class ProductController {

    private final ProductService products;

    ProductController(ProductService products) {
        this.products = products;
    }

    /**
     * A product as created or replaced; {@code version} is required on update, and {@code active} false archives
     * the product (deals keep it; pickers no longer offer it), true restores it, and leaving it out keeps it.
     */
    record ProductRequest(String code, String name, BigDecimal unitPrice, String currency, String category,
                          Boolean active, Integer version) {

        ProductDraft draft() {
            return new ProductDraft(code, name, unitPrice, currency, category);
        }
    }

    @GetMapping
    @Operation(summary = "The product catalogue in id order; includeInactive adds the archived products. "
            + "updatedSince and afterId narrow it for an incremental sync")
    PageResult<Product> list(@RequestParam(defaultValue = "false") boolean includeInactive,
                             @RequestParam(required = false)
                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                             @RequestParam(required = false) Long afterId,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return products.list(includeInactive, new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One product, active or archived")
    Product get(@PathVariable long id) {
        return products.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a product (administrators); its code must be new")
    Product create(@RequestBody ProductRequest request) {
        return products.create(request.draft());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product's fields (administrators); active=false archives it, true restores "
            + "it, omitted keeps it; 409 when the version is stale")
    Product update(@PathVariable long id, @RequestBody ProductRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return products.update(id, request.version(), request.draft(), request.active());
    }
}
