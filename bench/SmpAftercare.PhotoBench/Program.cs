using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using SkiaSharp;
using SmpAftercare.Web.Features.CheckIns;

// Processing of one 12-megapixel phone JPEG (4000 x 3000) as a check-in upload, against a same-run baseline: the naive
// way (decode at full size, resize, encode). Each mode runs in its own process so its peak memory is its own.
// Usage (from the repository root):
//   dotnet build -c Release bench/SmpAftercare.PhotoBench
//   for m in baseline display original; do dotnet bench/SmpAftercare.PhotoBench/bin/Release/net10.0/SmpAftercare.PhotoBench.dll $m 20; done
var mode = args.Length > 0 ? args[0] : "display";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var jpeg = PhoneLikeJpeg(4000, 3000);
var processor = new PhotoProcessor(Options.Create(new CheckInOptions()));

void Once()
{
    switch (mode)
    {
        case "baseline":
            using (var full = SKBitmap.Decode(jpeg))
            using (var small = full.Resize(new SKImageInfo(1600, 1200), new SKSamplingOptions(SKCubicResampler.Mitchell)))
            using (var data = small.Encode(SKEncodedImageFormat.Jpeg, 82))
            {
                _ = data.Size;
            }

            break;
        case "display":
            _ = processor.Process(new MemoryStream(jpeg, writable: false), jpeg.Length, keepOriginal: false);
            break;
        case "original":
            _ = processor.Process(new MemoryStream(jpeg, writable: false), jpeg.Length, keepOriginal: true);
            break;
        default:
            throw new ArgumentException("mode: baseline, display or original");
    }
}

// The test image's own making (two 48 MB buffers) is not the upload's memory: drop it and restart the peak count.
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
File.WriteAllText("/proc/self/clear_refs", "5");
var startKb = Kb("VmRSS:");
Once(); // warm-up: JIT and Skia's first-use costs are not what a client waits for
var times = new List<double>();
for (var i = 0; i < rounds; i++)
{
    var watch = Stopwatch.StartNew();
    Once();
    times.Add(watch.Elapsed.TotalMilliseconds);
}

times.Sort();
var peakKb = Kb("VmHWM:");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{mode,-9} input {jpeg.Length / 1048576.0:0.0} MB  median {times[times.Count / 2],7:0.0} ms  p90 {times[(int)(times.Count * 0.9)],7:0.0} ms  peak RSS {peakKb / 1024.0,5:0} MB ({(peakKb - startKb) / 1024.0:0} MB above the process at rest)"));

static long Kb(string field) =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

// Noise and shapes compress like a photo (a flat image would be a few hundred KB and decode unrealistically fast).
static byte[] PhoneLikeJpeg(int width, int height)
{
    var random = new Random(7);
    using var bitmap = new SKBitmap(width, height);
    var pixels = new byte[width * height * 4];
    for (var i = 0; i < pixels.Length; i += 4)
    {
        var y = i / 4 / width;
        pixels[i] = (byte)(120 + (y * 60 / height) + random.Next(40));
        pixels[i + 1] = (byte)(90 + random.Next(50));
        pixels[i + 2] = (byte)(70 + random.Next(40));
        pixels[i + 3] = 255;
    }

    System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
    return data.ToArray();
}
