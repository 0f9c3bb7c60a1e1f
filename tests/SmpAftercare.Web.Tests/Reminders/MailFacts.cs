using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SmpAftercare.Web.Tests.Reminders;

internal static partial class MailFacts
{
    /// <summary>
    /// Every line of the plain text is in the HTML part: its words as text, its links as links (and as text, so a
    /// reader whose client hides buttons still sees the address); list lines as list items.
    /// </summary>
    public static IHtmlDocument AssertHtmlCarriesTheText(ReceivedMail mail)
    {
        Assert.False(string.IsNullOrEmpty(mail.Html), "The email has no HTML part.");
        var html = new HtmlParser().ParseDocument(mail.Html);
        var text = Squeeze(html.Body!.TextContent);
        var hrefs = html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToHashSet(StringComparer.Ordinal);
        var lines = mail.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var line in lines.Select(l => l.StartsWith("- ", StringComparison.Ordinal) ? l[2..] : l))
        {
            var at = 0;
            foreach (Match url in Url().Matches(line))
            {
                Assert.Contains(Squeeze(line[at..url.Index]), text, StringComparison.Ordinal);
                Assert.Contains(url.Value, hrefs);
                Assert.Contains(url.Value, text, StringComparison.Ordinal);
                at = url.Index + url.Length;
            }

            Assert.Contains(Squeeze(line[at..]), text, StringComparison.Ordinal);
        }

        Assert.Equal(lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal)), html.QuerySelectorAll("li").Length);
        return html;
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)]")]
    private static partial Regex Url();
}
