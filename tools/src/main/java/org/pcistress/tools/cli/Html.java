package org.pcistress.tools.cli;

/**
 * The one HTML page shell of every report (index.html, matrix.html, report.html): a self-contained
 * page with one inline stylesheet, no script, nothing fetched at view time; and the one {@link #esc}.
 */
public final class Html {
    /** The stylesheet of every page; each page uses the classes it needs. */
    public static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:80em;"
            + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;"
            + "padding:3px 8px;font-size:13px;text-align:left;vertical-align:top}th{background:#f0f0f0}"
            + "code{font-size:.95em;word-break:break-all}pre{background:#fafafa;border:1px solid #ddd;padding:8px;"
            + "overflow-x:auto;font-size:12px}h3{margin-top:2em}.muted{color:#666}svg{display:block;margin:.5em 0}"
            // the job's index.html: the verdict banner and the steps table
            + "table.steps{width:100%}.v{padding:.6em 1em;border-radius:4px;font-size:1.2em}.ok{background:#e3f6e3}"
            + ".reg{background:#fde2c8}.harness{background:#f8d0d0}.run{background:#eef}"
            + "table.facts{width:100%;margin:.8em 0}table.facts th{width:9em}.nav{font-size:13px}"
            // matrix.html: the grid of cells
            + "table.grid td,table.grid th{text-align:center;vertical-align:middle;padding:3px 6px}"
            + "table.grid th{background:#f4f4f4;font-weight:600}td.ok{background:#e8f5e9;color:#2e7d32}"
            + "td.fail{background:#ffebee;font-weight:700}td.fail a{color:#b71c1c;text-decoration:none}"
            + "td.open{outline:2px dashed #f9a825}td.bounded{font-style:italic}td.lockdep{box-shadow:inset 0 -3px 0 #1565c0}"
            // the benchmark report: numbers right-aligned, the quick-run warning
            + "td.n{text-align:right;font-family:monospace}.warn{background:#fff3cd;border:1px solid #e0c36c;padding:.5em 1em}"
            // its verdict table, and charts that shrink to the page rather than cut their labels
            + "tr.REGRESSION td{background:#f8d7da}tr.IMPROVEMENT td{background:#d4edda}"
            + "tr.UNDECIDED td,tr.NOT_COMPARABLE td{color:#666}svg{max-width:100%;height:auto}";

    private Html() {
    }

    /** The page's start: doctype, title and stylesheet, up to and including {@code <body>}. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<style>" + STYLE + "</style></head><body>\n";
    }

    /** The page's end. */
    public static String tail() {
        return "</body></html>\n";
    }

    /** {@code s} as HTML (and SVG/XML) text or attribute value: {@code & < > "} escaped. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
