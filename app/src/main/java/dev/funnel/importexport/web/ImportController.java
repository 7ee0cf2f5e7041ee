package dev.funnel.importexport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.ImportMode;
import dev.funnel.importexport.ImportResult;
import dev.funnel.importexport.ImportService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports for scripted migrations: the same import as the wizard, one multipart request per file. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Import")
class ImportController {

    private final ImportService imports;
    private final ObjectMapper json;

    ImportController(ImportService imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a CSV or XLSX file: parts entity (users, customers, contacts, products, "
            + "opportunities), file, mapping (JSON), optional mode (all | valid-only) and encoding (UTF-8 | GBK). "
            + "200 with status COMPLETED, or 422 with status REJECTED when nothing was written")
    ResponseEntity<ImportResult> run(@RequestPart(name = "entity", required = false) String entity,
                                     @RequestPart(name = "file", required = false) MultipartFile file,
                                     @RequestPart(name = "mapping", required = false) String mapping,
                                     @RequestPart(name = "mode", required = false) String mode,
                                     @RequestPart(name = "encoding", required = false) String encoding,
                                     Locale locale) throws IOException {
        ImportEntity kind = ImportEntity.fromKey(entity).orElse(null);
        ImportMode how = ImportMode.fromKey(mode).orElse(null);
        Charset charset = charset(encoding);
        Checks.start()
                .required("entity", entity)
                .rule(entity == null || kind != null, "entity", "validation.import.entity")
                .rule(file != null, "file", "validation.required")
                .required("mapping", mapping)
                .rule(how != null, "mode", "validation.import.mode")
                .rule(encoding == null || encoding.isBlank() || charset != null, "encoding",
                        "validation.import.encoding")
                .orThrow();
        ImportResult result = imports.run(kind, file.getBytes(), charset, parse(mapping), how, locale, null);
        return ResponseEntity.status(result.status() == ImportResult.Status.COMPLETED ? HttpStatus.OK
                : HttpStatus.UNPROCESSABLE_ENTITY).body(result);
    }

    @GetMapping("/fields/{entity}")
    @Operation(summary = "The fields a column of this kind of file can be mapped to")
    List<ImportField> fields(@PathVariable String entity) {
        return imports.fields(ImportEntity.fromKey(entity)
                .orElseThrow(() -> InvalidInputException.of("entity", "validation.import.entity")));
    }

    private ImportMapping parse(String mapping) {
        try {
            ImportMapping parsed = json.readValue(mapping, ImportMapping.class);
            if (parsed == null) {
                throw InvalidInputException.of("mapping", "validation.required");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("mapping", "validation.import.mapping-json",
                    e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static Charset charset(String encoding) {
        if (encoding == null || encoding.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
