using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmpAftercare.Tests.Calendar;

/// <summary>
/// A deliberately strict RFC 5545 reader for tests: it refuses what a lenient calendar app would forgive (bare LF,
/// lines over 75 octets, unbalanced BEGIN/END, missing required properties, bad escapes), so a test reading a
/// file through it proves the file is valid, not merely readable.
/// </summary>
public static partial class IcsValidator
{
    public static IcsComponent Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("The file does not end with CRLF.");
        }

        var physical = text[..^2].Split("\r\n");
        var logical = new List<(int Line, string Text)>();
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
            {
                throw new FormatException($"Line {i + 1} has a bare CR or LF: every line must end with CRLF.");
            }

            var octets = Encoding.UTF8.GetByteCount(line);
            if (octets > 75)
            {
                throw new FormatException($"Line {i + 1} is {octets} octets long; RFC 5545 folds at 75.");
            }

            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                if (logical.Count == 0)
                {
                    throw new FormatException("The file starts with a continuation line.");
                }

                logical[^1] = (logical[^1].Line, logical[^1].Text + line[1..]);
            }
            else if (line.Length == 0)
            {
                throw new FormatException($"Line {i + 1} is empty.");
            }
            else
            {
                logical.Add((i + 1, line));
            }
        }

        var stack = new Stack<IcsComponent>();
        IcsComponent? root = null;
        foreach (var (number, line) in logical)
        {
            var property = ParseLine(number, line);
            if (property.Name == "BEGIN")
            {
                if (root is not null && stack.Count == 0)
                {
                    throw new FormatException($"Line {number}: content after END:VCALENDAR.");
                }

                var component = new IcsComponent(property.Value);
                if (stack.Count > 0)
                {
                    stack.Peek().Components.Add(component);
                }
                else
                {
                    root = component;
                }

                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                if (stack.Count == 0 || stack.Peek().Name != property.Value)
                {
                    throw new FormatException($"Line {number}: END:{property.Value} does not close {(stack.Count == 0 ? "anything" : "BEGIN:" + stack.Peek().Name)}.");
                }

                stack.Pop();
            }
            else if (stack.Count == 0)
            {
                throw new FormatException($"Line {number}: property {property.Name} outside any component.");
            }
            else
            {
                stack.Peek().Properties.Add(property);
            }
        }

        if (root is null || stack.Count > 0)
        {
            throw new FormatException("BEGIN/END do not pair up.");
        }

        CheckCalendar(root);
        return root;
    }

    public static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                text.Append(value[i]);
                continue;
            }

            if (++i >= value.Length)
            {
                throw new FormatException($"A TEXT value ends with a lone backslash: {value}");
            }

            text.Append(value[i] switch
            {
                '\\' => '\\',
                ';' => ';',
                ',' => ',',
                'n' or 'N' => '\n',
                var other => throw new FormatException($"Unknown escape \\{other} in: {value}"),
            });
        }

        return text.ToString();
    }

    public static DateOnly Date(IcsProperty property)
    {
        if (property.Parameter("VALUE") != "DATE")
        {
            throw new FormatException($"{property.Name} is not VALUE=DATE.");
        }

        return DateOnly.ParseExact(property.Value, "yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private static void CheckCalendar(IcsComponent calendar)
    {
        if (calendar.Name != "VCALENDAR")
        {
            throw new FormatException($"The outer component is {calendar.Name}, not VCALENDAR.");
        }

        if (calendar.One("VERSION").Value != "2.0")
        {
            throw new FormatException("VERSION must be 2.0.");
        }

        _ = calendar.One("PRODID");
        if (calendar.Properties.Any(p => p.Name == "CALSCALE") && calendar.One("CALSCALE").Value != "GREGORIAN")
        {
            throw new FormatException("CALSCALE must be GREGORIAN.");
        }

        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in calendar.Components)
        {
            if (e.Name != "VEVENT")
            {
                throw new FormatException($"Unexpected component {e.Name}.");
            }

            if (!uids.Add(e.Text("UID")))
            {
                throw new FormatException($"UID {e.Text("UID")} appears twice.");
            }

            if (!UtcStamp().IsMatch(e.One("DTSTAMP").Value))
            {
                throw new FormatException($"DTSTAMP {e.One("DTSTAMP").Value} is not a UTC date-time.");
            }

            var start = Date(e.One("DTSTART"));
            if (e.Properties.Any(p => p.Name == "DTEND") && Date(e.One("DTEND")) <= start)
            {
                throw new FormatException("DTEND must come after DTSTART.");
            }

            if (e.Properties.Any(p => p.Name == "DTEND") && e.Properties.Any(p => p.Name == "DURATION"))
            {
                throw new FormatException("An event has both DTEND and DURATION.");
            }

            CheckTexts(e, "SUMMARY", "DESCRIPTION", "UID");
            foreach (var alarm in e.Components)
            {
                CheckAlarm(alarm);
            }
        }
    }

    /// <summary>A DURATION value (RFC 5545 3.3.6) as a TimeSpan; a week is seven days.</summary>
    public static TimeSpan Duration(string value)
    {
        var match = DurationValue().Match(value);
        if (!match.Success)
        {
            throw new FormatException($"'{value}' is not a DURATION value.");
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var span = new TimeSpan(Part("w") * 7 + Part("d"), Part("h"), Part("m"), Part("s"));
        return match.Groups["sign"].Value == "-" ? -span : span;
    }

    /// <summary>
    /// VALARM (RFC 5545 3.6.6): ACTION and TRIGGER exactly once; DISPLAY needs a DESCRIPTION; DURATION and REPEAT
    /// together or not at all; a relative TRIGGER is a DURATION (RELATED=START or END), an absolute one a UTC date-time.
    /// </summary>
    private static void CheckAlarm(IcsComponent alarm)
    {
        if (alarm.Name != "VALARM")
        {
            throw new FormatException($"Unexpected component {alarm.Name} inside VEVENT.");
        }

        if (alarm.Components.Count > 0)
        {
            throw new FormatException("A VALARM cannot contain components.");
        }

        var action = alarm.One("ACTION").Value;
        if (action is not ("AUDIO" or "DISPLAY" or "EMAIL") && !action.StartsWith("X-", StringComparison.Ordinal))
        {
            throw new FormatException($"ACTION {action} is not AUDIO, DISPLAY, EMAIL or an X- name.");
        }

        if (action is "DISPLAY" or "EMAIL")
        {
            _ = alarm.One("DESCRIPTION");
        }

        var trigger = alarm.One("TRIGGER");
        if (trigger.Parameter("VALUE") is "DATE-TIME")
        {
            if (trigger.Parameter("RELATED") is not null || !UtcStamp().IsMatch(trigger.Value))
            {
                throw new FormatException($"An absolute TRIGGER is a UTC date-time without RELATED: {trigger.Value}");
            }
        }
        else
        {
            if (trigger.Parameter("VALUE") is { } type && type != "DURATION")
            {
                throw new FormatException($"TRIGGER cannot be VALUE={type}.");
            }

            if (trigger.Parameter("RELATED") is { } related && related is not ("START" or "END"))
            {
                throw new FormatException($"TRIGGER RELATED={related} is not START or END.");
            }

            _ = Duration(trigger.Value);
        }

        var hasDuration = alarm.Properties.Any(p => p.Name == "DURATION");
        var hasRepeat = alarm.Properties.Any(p => p.Name == "REPEAT");
        if (hasDuration != hasRepeat)
        {
            throw new FormatException("A VALARM has DURATION and REPEAT together or neither.");
        }

        if (hasDuration)
        {
            _ = Duration(alarm.One("DURATION").Value);
            if (!int.TryParse(alarm.One("REPEAT").Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException("REPEAT is a whole number.");
            }
        }

        CheckTexts(alarm, "DESCRIPTION", "SUMMARY");
    }

    private static void CheckTexts(IcsComponent component, params string[] names)
    {
        foreach (var name in names)
        {
            if (component.Properties.FirstOrDefault(p => p.Name == name) is { } text)
            {
                _ = component.Text(name); // checks the escapes
                if (UnescapedSeparator().IsMatch(text.Value))
                {
                    throw new FormatException($"{name} has an unescaped ; or ,: {text.Value}");
                }
            }
        }
    }

    private static IcsProperty ParseLine(int number, string line)
    {
        var match = ContentLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Line {number} is not a content line: {line}");
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Capture capture in match.Groups["param"].Captures)
        {
            var pair = capture.Value.Split('=', 2);
            parameters[pair[0]] = pair[1].Trim('"');
        }

        return new IcsProperty(match.Groups["name"].Value.ToUpperInvariant(), parameters, match.Groups["value"].Value);
    }

    // name *(";" param) ":" value; param values are quoted strings or safe characters (RFC 5545 3.1).
    [GeneratedRegex("""^(?<name>[A-Za-z0-9-]+)(?:;(?<param>[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*))*:(?<value>.*)$""")]
    private static partial Regex ContentLine();

    // dur-value: (["+"] / "-") "P" (dur-date / dur-time / dur-week)
    [GeneratedRegex(@"^(?<sign>[+-]?)P(?=[\dT])(?:(?<w>\d+)W|(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H(?:(?<m>\d+)M(?:(?<s>\d+)S)?)?|(?<m>\d+)M(?:(?<s>\d+)S)?|(?<s>\d+)S))?)$")]
    private static partial Regex DurationValue();

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex UtcStamp();

    // A ; or , not preceded by an odd run of backslashes.
    [GeneratedRegex(@"(?<!\\)(?:\\\\)*[;,]")]
    private static partial Regex UnescapedSeparator();
}

public sealed record IcsProperty(string Name, IReadOnlyDictionary<string, string> Parameters, string Value)
{
    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);
}

public sealed class IcsComponent(string name)
{
    public string Name { get; } = name;

    public List<IcsProperty> Properties { get; } = [];

    public List<IcsComponent> Components { get; } = [];

    public IcsProperty One(string name)
    {
        var found = Properties.Where(p => p.Name == name).ToList();
        return found.Count == 1 ? found[0] : throw new FormatException($"{Name} has {found.Count} {name} properties; it needs exactly one.");
    }

    public string Text(string name) => IcsValidator.Unescape(One(name).Value);
}
