namespace SmpAftercare.Domain.Clients;

/// <summary>
/// Normalises a phone number to E.164 (+447700900123). National numbers are read with the clinic's region;
/// only the regions below are known, so other clinics' clients type the international form.
/// </summary>
public static class PhoneNumber
{
    private static readonly Dictionary<string, string> CountryCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = "44", ["IE"] = "353", ["US"] = "1", ["CA"] = "1", ["AU"] = "61", ["NZ"] = "64", ["DE"] = "49",
        ["FR"] = "33", ["ES"] = "34", ["IT"] = "39", ["NL"] = "31", ["BE"] = "32", ["PT"] = "351", ["SE"] = "46",
        ["NO"] = "47", ["DK"] = "45", ["CH"] = "41", ["AT"] = "43", ["PL"] = "48", ["ZA"] = "27", ["AE"] = "971",
        ["IN"] = "91", ["SG"] = "65",
    };

    public static bool TryNormalize(string? input, string? region, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var text = input.Trim();
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')) || text.LastIndexOf('+') > 0)
        {
            return false;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        string international;
        if (text.StartsWith('+'))
        {
            international = digits;
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = digits[2..];
        }
        else if (region is not null && CountryCodes.TryGetValue(region, out var cc))
        {
            if (cc == "1")
            {
                // North American numbers have no trunk 0: 10 digits, or 11 starting with the 1.
                international = digits.Length == 11 && digits[0] == '1' ? digits : "1" + digits;
                if (international.Length != 11)
                {
                    return false;
                }
            }
            else
            {
                if (!digits.StartsWith('0'))
                {
                    return false;
                }

                international = cc + digits.TrimStart('0');
            }
        }
        else
        {
            return false;
        }

        // E.164: at most 15 digits; anything under 8 is not a reachable mobile number.
        if (international.Length is < 8 or > 15 || international[0] == '0')
        {
            return false;
        }

        e164 = "+" + international;
        return true;
    }
}
