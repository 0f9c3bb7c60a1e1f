using Microsoft.Extensions.Options;
using SkiaSharp;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>A photo ready to store: JPEG bytes with no metadata at all, already turned the right way up.</summary>
public sealed record ProcessedPhoto(byte[] Display, int Width, int Height, byte[]? Original);

/// <summary>Why a file was not taken, in a sentence for the person who sent it.</summary>
public sealed class PhotoRefusedException(string message) : Exception(message);

/// <summary>
/// Turns whatever a phone sends into a photo that is safe to keep and show. The content decides what a file is,
/// never its name or Content-Type; the image is decoded and encoded again from pixels only, so nothing of the
/// original file survives: no EXIF, no GPS position, no embedded thumbnail, no trailing bytes.
/// </summary>
public sealed class PhotoProcessor(IOptions<CheckInOptions> options)
{
    private const int DisplayQuality = 82;
    private const int OriginalQuality = 90;

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>Reads, checks and re-encodes one upload. Throws <see cref="PhotoRefusedException"/> with a sentence.</summary>
    public ProcessedPhoto Process(Stream content, long length, bool keepOriginal)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limits = options.Value;
        if (length <= 0)
        {
            throw new PhotoRefusedException("The photo is empty. Please take or choose it again.");
        }

        if (length > limits.MaxPhotoBytes)
        {
            throw new PhotoRefusedException($"The photo is larger than {Megabytes(limits.MaxPhotoBytes)}, the most we take. Please send a smaller photo.");
        }

        Span<byte> head = stackalloc byte[16];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var kind = Sniff(head[..read]);
        if (kind == Sniffed.Heic)
        {
            throw new PhotoRefusedException("This photo is in the iPhone's HEIC format, which we can't open. In the phone's Camera settings choose Formats, then Most Compatible, and take it again.");
        }

        if (kind == Sniffed.Unknown)
        {
            throw new PhotoRefusedException("That file is not a photo we can open. Please send a JPEG, PNG or WebP picture.");
        }

        content.Position = 0;
        using var codec = SKCodec.Create(content, out var result);
        if (codec is null || result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new PhotoRefusedException("The photo could not be read: the file looks damaged. Please take or choose it again.");
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > limits.MaxPixels)
        {
            throw new PhotoRefusedException("The picture is far larger than a phone photo. Please send a normal photo from your phone.");
        }

        var origin = codec.EncodedOrigin;
        byte[]? original = null;
        SKBitmap? full = null;
        try
        {
            if (keepOriginal)
            {
                full = Decode(codec, info.Size);
                using var upright = Orient(full, origin);
                original = Encode(upright, OriginalQuality);
            }

            // Decoding straight at a smaller size (JPEG's 1/2, 1/4, 1/8 steps) keeps a 12-megapixel photo's display copy
            // to a quarter of the memory of a full decode (docs/performance.md).
            var target = Fit(info.Width, info.Height, limits.DisplayLongEdge);
            using var decoded = full is not null ? null : Decode(codec, codec.GetScaledDimensions(Math.Min(1f, Math.Max((float)target.Width / info.Width, (float)target.Height / info.Height))));
            var source = full ?? decoded!;
            using var resized = source.Width == target.Width && source.Height == target.Height
                ? source.Copy()
                : source.Resize(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
                  ?? throw new PhotoRefusedException("The photo could not be read: the file looks damaged. Please take or choose it again.");
            using var display = Orient(resized, origin);
            return new ProcessedPhoto(Encode(display, DisplayQuality), display.Width, display.Height, original);
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static SKBitmap Decode(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        // A photo cut short in transfer still shows what arrived; anything else is not a picture we can trust.
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new PhotoRefusedException("The photo could not be read: the file looks damaged. Please take or choose it again.");
        }

        return bitmap;
    }

    private static SKSizeI Fit(int width, int height, int longEdge)
    {
        var scale = Math.Min(1.0, (double)longEdge / Math.Max(width, height));
        return new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                         ?? throw new PhotoRefusedException("The photo could not be read: the file looks damaged. Please take or choose it again.");
        return data.ToArray();
    }

    /// <summary>Applies the EXIF orientation to the pixels, so the photo stands up without the tag that is dropped.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = (source.Width, source.Height);
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? h : w, swap ? w : h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(h, w);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }

        canvas.DrawBitmap(source, 0, 0, SKSamplingOptions.Default, null);
        canvas.Flush();
        return result;
    }

    private enum Sniffed
    {
        Unknown,
        Jpeg,
        Png,
        WebP,
        Heic,
    }

    private static Sniffed Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return Sniffed.Jpeg;
        }

        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Sniffed.Png;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Sniffed.WebP;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)
            && (head[8..12].SequenceEqual("heic"u8) || head[8..12].SequenceEqual("heix"u8) || head[8..12].SequenceEqual("mif1"u8) || head[8..12].SequenceEqual("hevc"u8)))
        {
            return Sniffed.Heic;
        }

        return Sniffed.Unknown;
    }
}
