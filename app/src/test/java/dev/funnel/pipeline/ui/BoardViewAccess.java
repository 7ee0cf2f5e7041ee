package dev.funnel.pipeline.ui;

import dev.funnel.pipeline.BoardCard;
import java.util.List;

/** Test access to the board's component API: its columns, their cards, and a drop as the browser would send it. */
public final class BoardViewAccess {

    private BoardViewAccess() {
    }

    public static List<BoardColumnView> columns(BoardView board) {
        return board.columnViews();
    }

    public static List<BoardCard> cards(BoardView board, int column) {
        return board.columnViews().get(column).shownCards();
    }

    public static long heads(BoardView board, int column) {
        return board.columnViews().get(column).column().count();
    }

    public static void drop(BoardView board, BoardCard card, long stageId) {
        board.drop(card, stageId);
    }
}
