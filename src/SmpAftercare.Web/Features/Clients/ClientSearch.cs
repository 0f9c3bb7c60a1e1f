using System.Text;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Clients;

/// <summary>
/// The staff search: the typed text anywhere in the name or email, or its digits anywhere in the phone number,
/// ignoring case. At 100,000 clients a clinic this must not read every client (docs/decisions/0018): from three
/// characters on, a trigram index finds the candidates (an FTS5 table on SQLite, pg_trgm over a lower-cased copy of
/// name and email on PostgreSQL, both made by the migrations). One or two characters are found through an index of
/// every one- and two-character piece when they are rare ("q"), and by reading the list in name order when they are
/// common ("s"), where a page is found at once (docs/decisions/0022).
/// </summary>
public static class ClientSearch
{
    /// <summary>Totals are counted up to this; beyond it the list says "more than 1,000".</summary>
    public const int CountCap = 1000;

    /// <summary>Trigram indexes need three characters; with fewer the text is compared row by row.</summary>
    public const int IndexedLength = 3;

    /// <summary>How many clients a search is expected to match, which decides how SQLite reads them.</summary>
    public enum Matches
    {
        /// <summary>Up to about a thousand: fetched from the index by rowid, then sorted.</summary>
        Few,

        /// <summary>
        /// More than the count limit: reading the clinic's clients in list order and keeping the matches finds a page
        /// after a few dozen rows, where fetching thousands of matches by rowid and sorting them would not.
        /// </summary>
        Many,
    }

    /// <summary>The clients matching <paramref name="text"/>, as a query to filter, sort and page further.</summary>
    public static IQueryable<Client> Matching(AppDbContext db, string text, Matches expected = Matches.Few)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(text);
        // Wildcards and the escape character are not searched for: "a_b" finds what "ab" finds, as it always did.
        // Nor are control characters: no field holds one, and PostgreSQL's SearchText has a line break between name
        // and email that a typed one must not match across.
        var term = new string(text.Where(c => !char.IsControl(c)).ToArray())
            .Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal);
        if (term.Length == 0)
        {
            return db.Clients;
        }

        // Phones are stored in E.164: also match the digits the user typed ("07700 900" finds +447700900...).
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        var phoneTerm = digits.Length >= IndexedLength ? digits : term;
        if (db.Database.IsNpgsql())
        {
            // SearchText is name and email lower-cased, kept by the database (a generated column, not in the model):
            // LIKE on it costs a third of ILIKE on both columns, which lower-cases every row it reads, and the GIN
            // trigram index serves it. The term is lower-cased by the same function (docs/decisions/0022).
            var phonePattern = $"%{phoneTerm}%";
            // One or two characters: the one- and two-character pieces index (smp_search_grams, same migration) finds
            // rare ones ("q", "sm") without reading the clinic; the planner walks the list for common ones ("s").
            return Characters(term) < IndexedLength
                ? db.Clients.FromSql($"""
                    SELECT * FROM "Clients"
                    WHERE smp_search_grams("SearchText" || chr(10) || coalesce("Phone", '')) @> ARRAY[lower({term})]
                      AND ("SearchText" LIKE '%' || lower({term}) || '%' OR "Phone" LIKE {phonePattern})
                    """)
                : db.Clients.FromSql($"""SELECT * FROM "Clients" WHERE "SearchText" LIKE '%' || lower({term}) || '%' OR "Phone" LIKE {phonePattern}""");
        }

        // Many matches of plain ASCII text: SQLite's LIKE ignores ASCII case as the trigram index does, so walking the
        // list index in name order with it finds the same rows, and a page after a few dozen entries.
        if (Characters(term) >= IndexedLength && !(expected == Matches.Many && Ascii.IsValid(term)))
        {
            var match = $"{{FullName Email}} : {Phrase(term)} OR Phone : {Phrase(phoneTerm)}";
            // Few: the index drives, each match is fetched by rowid (NOT INDEXED: otherwise SQLite walks all of the
            // clinic's list index to keep its order, 20 ms at 100,000 even for no match), and a count can stop early.
            // Many (other text): "+rowid" makes SQLite walk the list index in name order and keep the matches.
            return expected == Matches.Many
                ? db.Clients.FromSql($"""SELECT * FROM "Clients" WHERE +rowid IN (SELECT rowid FROM "ClientSearch" WHERE "ClientSearch" MATCH {match})""")
                : db.Clients.FromSql($"""SELECT "Clients".* FROM "ClientSearch" JOIN "Clients" NOT INDEXED ON "Clients".rowid = "ClientSearch".rowid WHERE "ClientSearch" MATCH {match}""");
        }

        // One or two characters are compared with LIKE. Few matches: the pieces table (ClientSearchGramsSql) drives, as
        // the FTS5 index does above, so a rare letter does not read the whole clinic; many: the list is walked in order.
        var like = $"%{term}%";
        var phoneLike = $"%{phoneTerm}%";
        var candidates = Characters(term) < IndexedLength && expected == Matches.Few
            ? db.Clients.FromSql($"""SELECT "Clients".* FROM "ClientSearchGrams" JOIN "Clients" NOT INDEXED ON "Clients".rowid = "ClientSearchGrams"."ClientRowid" WHERE "ClientSearchGrams"."Gram" = {AsciiLower(term)}""")
            : db.Clients;
        return candidates.Where(c => EF.Functions.Like(c.FullName, like) || EF.Functions.Like(c.Email!, like) || EF.Functions.Like(c.Phone!, phoneLike));
    }

    /// <summary>As SQLite's lower() folds: ASCII letters only, like its LIKE.</summary>
    private static string AsciiLower(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        }
    });

    /// <summary>
    /// How many rows to count for a page: always past the page asked for, so "next" works; for text the trigram index
    /// answers, at least the cap. One or two characters usually match so many that a total means nothing: their count
    /// stops one page past the page shown.
    /// </summary>
    public static int CountLimit(string? text, int page, int pageSize)
    {
        var reach = (page + 2L) * pageSize;
        var indexed = text is null || Characters(text) >= IndexedLength;
        return (int)Math.Min(int.MaxValue - 1, indexed ? Math.Max(CountCap, reach) : reach);
    }

    /// <summary>Unicode characters, as the trigram tokenizer counts them (an emoji is one, not two UTF-16 units).</summary>
    private static int Characters(string text) => text.EnumerateRunes().Count();

    /// <summary>An FTS5 phrase: in double quotes, a double quote doubled; nothing in it is query syntax then.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
