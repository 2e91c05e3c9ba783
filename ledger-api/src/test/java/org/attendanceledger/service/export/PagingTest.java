package org.attendanceledger.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.service.problem.RequestRejected;
import org.junit.jupiter.api.Test;

class PagingTest {

    private record Item(String urn, String upn) {
        String key() {
            return Paging.key(urn, upn);
        }
    }

    private static final List<Item> ITEMS = List.of(new Item("100001", "A"), new Item("100001", "B"),
            new Item("100002", "A"), new Item("100003", "C"), new Item("100003", "D"));

    @Test
    void pages_walk_the_list_once_in_order_and_the_last_has_no_next() {
        List<Item> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Paging.Page<Item> page = Paging.page(ITEMS, 2, cursor, Item::key);
            walked.addAll(page.items());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(walked).isEqualTo(ITEMS);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void without_a_limit_the_list_answers_whole() {
        assertThat(Paging.page(ITEMS, null, null, Item::key)).isEqualTo(new Paging.Page<>(ITEMS, null));
    }

    @Test
    void an_item_added_before_the_cursor_neither_repeats_nor_shifts_the_next_page() {
        Paging.Page<Item> first = Paging.page(ITEMS, 2, null, Item::key);
        List<Item> grown = new ArrayList<>(ITEMS);
        grown.add(0, new Item("100000", "Z"));

        assertThat(Paging.page(grown, 2, first.next(), Item::key).items())
                .containsExactly(new Item("100002", "A"), new Item("100003", "C"));
    }

    @Test
    void a_limit_out_of_range_a_cursor_without_limit_or_a_forged_cursor_is_refused() {
        assertThatThrownBy(() -> Paging.page(ITEMS, 0, null, Item::key)).isInstanceOf(RequestRejected.class);
        assertThatThrownBy(() -> Paging.page(ITEMS, 5001, null, Item::key)).isInstanceOf(RequestRejected.class);
        assertThatThrownBy(() -> Paging.page(ITEMS, null, "abc", Item::key)).isInstanceOf(RequestRejected.class);
        assertThatThrownBy(() -> Paging.page(ITEMS, 2, "!!!", Item::key)).isInstanceOf(RequestRejected.class);
    }
}
