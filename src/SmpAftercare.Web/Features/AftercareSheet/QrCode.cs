using QRCoder;

namespace SmpAftercare.Web.Features.AftercareSheet;

public static class QrCode
{
    /// <summary>
    /// An SVG QR code that scales to its box (viewBox sizing). SVG needs no native imaging library, and prints
    /// sharp at any size. Error correction M survives a creased or smudged sheet.
    /// </summary>
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
