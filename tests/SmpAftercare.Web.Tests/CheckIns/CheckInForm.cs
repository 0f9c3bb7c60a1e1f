using System.Buffers.Binary;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SkiaSharp;

namespace SmpAftercare.Web.Tests.CheckIns;

/// <summary>A phone sending the check-in form on /c/{token}: the form's own hidden fields, the chosen signs, photos as files.</summary>
public static class CheckInForm
{
    private static readonly HtmlParser Parser = new();

    public static async Task<(HttpResponseMessage Response, string Text)> SendAsync(HttpClient phone, string token, IEnumerable<string> signs, string? note = null,
        IEnumerable<(string Angle, byte[] Bytes, string FileName, string ContentType)>? photos = null)
    {
        using var content = await FillAsync(phone, token, signs, note, photos);
        var response = await phone.PostAsync($"/c/{token}", content);
        var body = await response.Content.ReadAsStringAsync();
        var text = string.Join(' ', (Parser.ParseDocument(body).Body?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return (response, text);
    }

    /// <summary>The form as the phone fills it in, ready to post to /c/{token} (once, or again as a retry of the same post).</summary>
    public static async Task<MultipartFormDataContent> FillAsync(HttpClient phone, string token, IEnumerable<string> signs, string? note = null,
        IEnumerable<(string Angle, byte[] Bytes, string FileName, string ContentType)>? photos = null)
    {
        var page = Parser.ParseDocument(await phone.GetStringAsync($"/c/{token}"));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "check-in");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var sign in signs)
        {
            content.Add(new StringContent(sign), "sign");
        }

        content.Add(new StringContent(note ?? string.Empty), "note");
        foreach (var (angle, bytes, fileName, contentType) in photos ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, "photo-" + angle, fileName);
        }

        return content;
    }

    /// <summary>A JPEG as a camera would make it, <paramref name="width"/> by <paramref name="height"/>: left half red, right half blue.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.DrawRect(0, 0, width / 2f, height, new SKPaint { Color = SKColors.Red });
            canvas.DrawRect(width / 2f, 0, width / 2f, height, new SKPaint { Color = SKColors.Blue });
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The bytes of the GPS latitude (51° 30' 12.34") written into <see cref="WithExif"/>: present in the phone's file, never in ours.</summary>
    public static readonly byte[] LatitudeBytes = [0, 0, 0, 51, 0, 0, 0, 1, 0, 0, 0, 30, 0, 0, 0, 1, 0, 0, 4, 210, 0, 0, 0, 100];

    /// <summary>
    /// Puts an EXIF block right after the JPEG's start marker, as phones do: orientation 6 (the camera was turned a quarter
    /// to the right, so the picture must be turned to stand up) and a GPS position in London.
    /// </summary>
    public static byte[] WithExif(byte[] jpeg)
    {
        var tiff = new byte[140];
        var s = tiff.AsSpan();
        "MM"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], 8);
        // IFD0: orientation and the pointer to the GPS directory.
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], 2);
        Entry(s[10..], 0x0112, 3, 1, 6 << 16);
        Entry(s[22..], 0x8825, 4, 1, 38);
        BinaryPrimitives.WriteUInt32BigEndian(s[34..], 0);
        // GPS directory: N 51° 30' 12.34", W 0° 7' 39.99".
        BinaryPrimitives.WriteUInt16BigEndian(s[38..], 4);
        Entry(s[40..], 0x0001, 2, 2, 'N' << 24);
        Entry(s[52..], 0x0002, 5, 3, 92);
        Entry(s[64..], 0x0003, 2, 2, 'W' << 24);
        Entry(s[76..], 0x0004, 5, 3, 116);
        BinaryPrimitives.WriteUInt32BigEndian(s[88..], 0);
        LatitudeBytes.CopyTo(s[92..]);
        byte[] longitude = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 15, 159, 0, 0, 0, 100];
        longitude.CopyTo(s[116..]);

        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, tag);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
        BinaryPrimitives.WriteInt32BigEndian(at[8..], value);
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
