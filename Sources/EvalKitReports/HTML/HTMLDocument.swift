/// The HTML report's document skeleton and its stylesheet: one self-contained file (inline CSS,
/// system fonts, no script, no external reference), readable on a laptop screen and printable.
///
/// The markup is also well-formed XML (void elements self-closed, only XML's own character
/// references), so tests can parse it with an XML parser.
enum HTMLDocument {
    /// The whole document around `body` (already HTML); `title` is plain text.
    static func page(title: String, body: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"evalkit\"/>\n"
        out += "<title>\(HTMLEscaping.escape(title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n<main>\n"
        out += body
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// Short class names keep the large tables small: `t` table wrapper, `k` key metrics,
    /// `v` verdict banner (`pass`, `fail`, `none`), `g` gates table, `d` disparities table
    /// (value over its slice or interval), `p` provenance table, `n` contents,
    /// `s` suppressed slice row, `u` undefined value, `fn` footnotes, `ok`/`no`/`nc` gate status.
    /// Numbers align right; a row's first cell (`th scope=row`) stays in view while a wide table
    /// scrolls sideways, and a shadow on the right edge shows there is more (CSS gradients only).
    static let stylesheet = """
        :root{--fg:#1f2328;--mute:#59636e;--line:#d1d9e0;--head:#f2f4f6;--ok:#116329;--okbg:#e6f4ea;\
        --no:#a1121f;--nobg:#fdecec;--nc:#7a4a00;--ncbg:#fff4d4}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;color:var(--fg);background:#fff;\
        font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
        main{max-width:76rem;margin:0 auto;padding:1.5rem 1.5rem 3rem}
        h1{font-size:1.75rem;line-height:1.25;margin:0 0 .25rem;overflow-wrap:anywhere}
        h2{font-size:1.375rem;line-height:1.3;margin:2.25rem 0 .75rem;padding-bottom:.3rem;\
        border-bottom:1px solid var(--line);overflow-wrap:anywhere}
        h3{font-size:1.125rem;margin:1.75rem 0 .5rem}
        h4{font-size:1rem;margin:1.25rem 0 .4rem}
        p{margin:.4rem 0}
        ul{margin:.4rem 0;padding-left:1.5rem}
        li{margin:.2rem 0;overflow-wrap:anywhere}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em;\
        overflow-wrap:anywhere}
        small{font-size:.8em;color:var(--mute)}
        .sub{color:var(--mute)}
        .n{list-style:none;padding:0;margin:-.5rem 0 0;font-size:.875rem;color:var(--mute)}
        .n li{margin:.1rem 0}
        a{color:#0b57d0}
        .v{border:2px solid;border-radius:8px;padding:.9rem 1.25rem;margin:1.25rem 0 1.5rem}
        .v p{margin:0}
        .v strong{display:block;font-size:2.25rem;line-height:1.2;letter-spacing:.05em}
        .pass{color:var(--ok);background:var(--okbg)}
        .fail{color:var(--no);background:var(--nobg)}
        .none{color:var(--mute);background:var(--head)}
        .t{overflow-x:auto;margin:.5rem 0 1rem;max-width:100%;\
        background:linear-gradient(270deg,#fff 30%,#fff0) 100% 0/2rem 100% no-repeat local,\
        radial-gradient(farthest-side at 100% 50%,#0003,#0000) 100% 0/.7rem 100% no-repeat scroll}
        table{border-collapse:collapse;font-size:.875rem;font-variant-numeric:tabular-nums}
        caption{text-align:left;color:var(--mute);padding:0 0 .3rem;font-size:.875rem}
        th,td{padding:.3rem .65rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap;\
        vertical-align:top}
        thead th{background:var(--head);border-bottom:2px solid var(--line);font-weight:600}
        th[scope=row]{text-align:left;font-weight:600;background:#fff;position:sticky;left:0}
        thead th:first-child{text-align:left;position:sticky;left:0;z-index:1}
        td small{margin-left:.3em}
        .s th,.s td{color:var(--mute);font-style:italic;font-weight:400}
        .s td:last-child{text-align:left}
        .u{color:var(--nc)}
        sup{font-size:.7em;line-height:0}
        .fn{font-size:.8125rem;color:var(--mute);margin:.25rem 0 1rem;padding-left:1.5rem}
        .d td small{display:block;margin:0}
        .g th,.g td,.p th,.p td{text-align:left;white-space:normal}
        .g th[scope=row]{font-weight:400}
        .g td:nth-child(3),.g td:nth-child(4){text-align:right;white-space:nowrap}
        .g td:last-child{min-width:14rem}
        .p th[scope=row]{position:static;white-space:nowrap}
        .p td:nth-child(3){white-space:nowrap}
        .ok,.no,.nc{font-weight:700;white-space:nowrap}
        .ok{color:var(--ok)}
        .no{color:var(--no)}
        .nc{color:var(--nc)}
        .k{display:grid;grid-template-columns:repeat(auto-fill,minmax(11.5rem,1fr));gap:.5rem;margin:.5rem 0 1rem}
        .k div{border:1px solid var(--line);border-radius:6px;padding:.45rem .7rem;min-width:0}
        .k dt{font-size:.8125rem;color:var(--mute);overflow-wrap:anywhere}
        .k dd{margin:0;font-size:1.25rem;font-weight:600;font-variant-numeric:tabular-nums}
        .k dd small{display:block;font-size:.75rem;font-weight:400;overflow-wrap:anywhere}
        figure{margin:.75rem 0 1.25rem;max-width:100%}
        figure img{max-width:100%;height:auto;border:1px solid var(--line)}
        figcaption{font-size:.875rem;color:var(--mute)}
        footer{margin-top:3rem}
        @media (max-width:40rem){main{padding:1rem .75rem 2rem}.v strong{font-size:1.75rem}}
        @media print{
        html{font-size:10pt}
        main{max-width:none;padding:0}
        nav{display:none}
        .v,.k div{border-width:1pt}
        .t{overflow:visible;background:none}
        table{font-size:8pt}
        th,td{padding:.15rem .35rem}
        td small{display:block;margin:0}
        th[scope=row],thead th:first-child{position:static}
        thead{display:table-header-group}
        tr,figure,.k div,.v{break-inside:avoid}
        h2,h3,h4,caption{break-after:avoid}
        h2{break-before:auto}
        }

        """
}
