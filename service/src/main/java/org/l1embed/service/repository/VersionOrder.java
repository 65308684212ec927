package org.l1embed.service.repository;

import java.util.Comparator;

/**
 * The order of model versions: segment by segment on '.', numerically where both segments are all digits
 * ({@code "2" < "10"}, {@code "1.2" < "1.10"}), otherwise by byte order; a version that is a prefix of another
 * comes first ({@code "1" < "1.0"}). Equal numeric values written differently ({@code "01"}, {@code "1"}) are ordered
 * by their text so that the order is total and consistent with {@code equals}.
 */
public final class VersionOrder implements Comparator<String> {

    /** The one instance. */
    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegment(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int compareSegment(String a, String b) {
        if (isDigits(a) && isDigits(b)) {
            String p = stripLeadingZeros(a);
            String q = stripLeadingZeros(b);
            int c = Integer.compare(p.length(), q.length());
            return c != 0 ? c : p.compareTo(q);
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
