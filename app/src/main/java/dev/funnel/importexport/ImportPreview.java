package dev.funnel.importexport;

import java.util.List;

/**
 * What the wizard shows after the upload: the file's columns, its first rows and how many there are, or why it
 * cannot be read at all ({@code problem}, in the user's language; then the rest is empty).
 */
public record ImportPreview(List<String> headers, List<List<String>> sample, int rows, String encoding,
                            String problem) {

    public ImportPreview {
        headers = List.copyOf(headers);
        sample = sample.stream().map(List::copyOf).toList();
    }
}
