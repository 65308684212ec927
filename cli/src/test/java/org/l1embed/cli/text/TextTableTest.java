package org.l1embed.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsWithoutTrailingSpaces() {
        TextTable t = new TextTable().left("name").right("raw").left("flags");
        t.row("a", "-128", "saturated");
        t.row("longer", "5", "");
        assertEquals("""
                name     raw  flags
                a       -128  saturated
                longer     5
                """, t.render());
    }

    @Test
    void indentsEveryLine() {
        assertEquals("  x\n  1\n", new TextTable().right("x").row("1").render("  "));
    }

    @Test
    void rejectsRowsOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable().left("a").row("1", "2"));
    }
}
