package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void formulasAreNeutralisedAndNumbersAndNamesKept() {
        assertEquals("'=HYPERLINK(\"http://x\",\"y\")", SpreadsheetCells.neutralise("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("'+cmd|' /C calc'!A0", SpreadsheetCells.neutralise("+cmd|' /C calc'!A0"));
        assertEquals("'-2+3+cmd", SpreadsheetCells.neutralise("-2+3+cmd"));
        assertEquals("'@SUM(A1)", SpreadsheetCells.neutralise("@SUM(A1)"));
        assertEquals("'\tx", SpreadsheetCells.neutralise("\tx"));
        for (String kept : new String[] {"-0.5", "+3", "1e-3", "-1.5E+10", "cifar10", "", "a=b"}) {
            assertEquals(kept, SpreadsheetCells.neutralise(kept));
        }
    }
}
