package org.attendanceledger.service.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes an {@link ItemList} as CSV (RFC 4180, UTF-8): one row per item, the item's JSON field names as the header, a
 * nested record's fields as {@code parent.child} columns and a nested list or map as its JSON text in one cell, so that
 * the CSV read back equals the JSON. The header comes from the item's record type, so an empty list still has one.
 *
 * <p>A cell that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return first) is prefixed with {@code '} (OWASP's advice on CSV injection); numbers and booleans are written as they
 * are.
 */
public class CsvListConverter extends AbstractHttpMessageConverter<ItemList> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final Set<Character> FORMULA_STARTS = Set.of('=', '+', '-', '@', '\t', '\r');

    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();

    public CsvListConverter(ObjectMapper json) {
        super(TEXT_CSV);
        // Exact decimals: 100.00 per cent stays 100.00 as in the JSON answer, never 1E+2.
        this.json = json.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return ItemList.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected ItemList readInternal(Class<? extends ItemList> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is written, never read", input);
    }

    @Override
    protected void writeInternal(ItemList list, HttpOutputMessage output) throws IOException {
        List<String> header = columnsOf(itemType(list.getClass()), "");
        List<List<String>> rows = new ArrayList<>();
        for (Object item : list.items()) {
            JsonNode node = json.valueToTree(item);
            List<String> row = new ArrayList<>(header.size());
            for (String column : header) {
                row.add(safe(cellAt(node, column)));
            }
            rows.add(row);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        header.forEach(schema::addColumn);
        try (OutputStream body = output.getBody()) {
            csv.writer(schema.build()).writeValue(body, rows);
        }
    }

    /** The items' class, from the list record's {@code items} component, e.g. {@code List<AbsenceListItem>}. */
    private static Class<?> itemType(Class<?> listClass) {
        if (listClass.isRecord()) {
            for (RecordComponent component : listClass.getRecordComponents()) {
                if (component.getName().equals("items")
                        && component.getGenericType() instanceof ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> item) {
                    return item;
                }
            }
        }
        throw new IllegalStateException(listClass + " must be a record with a List<Item> items component");
    }

    /** A record's columns in component order, nested records flattened; anything else is one column. */
    private static List<String> columnsOf(Type type, String prefix) {
        List<String> columns = new ArrayList<>();
        if (type instanceof Class<?> clazz && clazz.isRecord()) {
            for (RecordComponent component : clazz.getRecordComponents()) {
                Class<?> componentType = component.getType();
                if (componentType.isRecord()) {
                    columns.addAll(columnsOf(componentType, prefix + component.getName() + "."));
                } else {
                    columns.add(prefix + component.getName());
                }
            }
        }
        return columns;
    }

    /** The cell of a column ({@code breachAt.date}) in an item: a scalar as text, a list or map as its JSON. */
    private static String cellAt(JsonNode item, String column) {
        JsonNode node = item;
        for (String name : column.split("\\.")) {
            node = node.path(name);
        }
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }

    private static String safe(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.contains(cell.charAt(0)) && !isNumber(cell) ? "'" + cell : cell;
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?\\d+(\\.\\d+)?");
    }
}
