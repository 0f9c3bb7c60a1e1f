using System.Net;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.CheckIns;

/// <summary>
/// Check-ins sent from the phone page with photos. The clock stands at Mon 2 Mar 2026 10:00 in London, day 6 after
/// the client's session on 24 Feb.
/// </summary>
public sealed class CheckInPhotoTests : IDisposable
{
    private readonly ClientLinkAppFactory _app = new();

    private async Task<(TestClinic Clinic, SeededClient Client, string Token)> ClientWithLinkAsync(TestClinic? clinic = null, string name = "Alex Morgan")
    {
        clinic ??= await _app.SeedClinicAsync();
        var client = await _app.Client(clinic).Named(name).WithSession("2026-02-24 10:00").SaveAsync();
        return (clinic, client, await _app.LinkAsync(clinic, client.Id));
    }

    private HttpClient Phone() => _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private Task<List<CheckInPhoto>> PhotosAsync(Guid clientId) =>
        _app.WithDbAsync(db => db.CheckInPhotos.IgnoreQueryFilters().AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync());

    [Fact]
    public async Task JpegWithGpsAndOrientation_IsStoredUpright_WithNoMetadataLeft()
    {
        var (_, client, token) = await ClientWithLinkAsync();
        var phoneFile = CheckInForm.WithExif(CheckInForm.Jpeg(400, 200));
        Assert.True(CheckInForm.Contains(phoneFile, CheckInForm.LatitudeBytes));
        using (var codec = SKCodec.Create(new MemoryStream(phoneFile)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin); // the crafted file is what a phone sends
        }

        var (response, text) = await CheckInForm.SendAsync(Phone(), token, ["flaking"], "Some flakes at the front",
            [("hairline", phoneFile, "IMG_0001.JPG", "image/jpeg")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Flaking on day 6 is normal: let it fall off, don't pick.", text);
        var photo = Assert.Single(await PhotosAsync(client.Id));
        var served = await Phone().GetAsync($"/c/{token}/photos/{photo.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", served.Headers.CacheControl?.ToString());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.False(CheckInForm.Contains(bytes, "Exif"u8), "the EXIF block is gone");
        Assert.False(CheckInForm.Contains(bytes, CheckInForm.LatitudeBytes), "the GPS position is gone");
        using var stored = SKBitmap.Decode(bytes);
        using var storedCodec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal(SKEncodedOrigin.TopLeft, storedCodec.EncodedOrigin);
        // Turned a quarter to the right: the red left half of the sensor image is now on top.
        Assert.Equal((200, 400), (stored.Width, stored.Height));
        Assert.True(stored.GetPixel(100, 50).Red > 200 && stored.GetPixel(100, 50).Blue < 60, "top is red");
        Assert.True(stored.GetPixel(100, 350).Blue > 200 && stored.GetPixel(100, 350).Red < 60, "bottom is blue");
    }

    [Fact]
    public async Task OversizedPhoto_IsRefusedWithASentence_AndNothingIsSaved()
    {
        var (_, client, token) = await ClientWithLinkAsync();
        var huge = new byte[(15 * 1024 * 1024) + 1];
        CheckInForm.Jpeg(10, 10).CopyTo(huge, 0);

        var (response, text) = await CheckInForm.SendAsync(Phone(), token, ["redness"], "keep this note", [("crown", huge, "big.jpg", "image/jpeg")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("The photo is larger than 15 MB, the most we take. Please send a smaller photo.", text);
        Assert.Contains("keep this note", text); // what the client typed is still there
        Assert.Equal(0, await _app.WithDbAsync(db => db.CheckIns.IgnoreQueryFilters().CountAsync(c => c.ClientId == client.Id)));
    }

    [Fact]
    public async Task FakeImage_NamedAndLabelledAsJpeg_IsRefusedWithASentence()
    {
        var (_, client, token) = await ClientWithLinkAsync();
        var fake = "<html><script>alert(1)</script></html>"u8.ToArray();

        var (response, text) = await CheckInForm.SendAsync(Phone(), token, ["fine"], photos: [("left", fake, "photo.jpg", "image/jpeg")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("That file is not a photo we can open. Please send a JPEG, PNG or WebP picture.", text);
        Assert.Empty(await PhotosAsync(client.Id));
    }

    [Fact]
    public async Task Photo_IsReadOnlyByTheClinicsStaff_TheSameLink_AndTheClinicsApiKeys()
    {
        var (clinic, client, token) = await ClientWithLinkAsync();
        var (otherClinic, _, otherToken) = await ClientWithLinkAsync(await _app.SeedClinicAsync("Southside SMP"), "Jo Other");
        var (_, _, sameClinicOtherToken) = await ClientWithLinkAsync(clinic, "Pat Neighbour");
        await CheckInForm.SendAsync(Phone(), token, ["dryness"], photos: [("right", CheckInForm.Jpeg(64, 48), "r.jpg", "image/jpeg")]);
        var photo = Assert.Single(await PhotosAsync(client.Id));

        using var ownStaff = await _app.SignedInAs(clinic.Reception);
        using var otherStaff = await _app.SignedInAs(otherClinic.Owner);
        using var ownKey = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));
        using var otherKey = ApiCaller.For(_app, await _app.ApiKeyAsync(otherClinic));
        var apiPath = $"/api/v1/clients/{client.Id}/check-ins/photos/{photo.Id}";

        Assert.Equal(HttpStatusCode.OK, (await Phone().GetAsync($"/c/{token}/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownStaff.Client.GetAsync($"/check-ins/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownKey.Client.GetAsync(apiPath)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await Phone().GetAsync($"/c/{otherToken}/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Phone().GetAsync($"/c/{sameClinicOtherToken}/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.Client.GetAsync($"/check-ins/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherKey.Client.GetAsync(apiPath)).StatusCode);
        var anonymous = await _app.Anonymous().GetAsync($"/check-ins/photos/{photo.Id}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.NotEqual("image/jpeg", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_ListsCheckIns_WithDaySignsNoteAndPhotoLinksReadableWithTheSameKey()
    {
        var (clinic, client, token) = await ClientWithLinkAsync();
        await CheckInForm.SendAsync(Phone(), token, ["swelling", "flaking"], "Puffy above the left ear",
            [("hairline", CheckInForm.Jpeg(80, 60), "h.jpg", "image/jpeg")]);
        using var api = ApiCaller.For(_app, await _app.ApiKeyAsync(clinic));

        var list = await api.GetAsync($"/api/v1/clients/{client.Id}/check-ins");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var checkIn = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal(6, checkIn.GetProperty("healingDay").GetInt32());
        Assert.Equal("Puffy above the left ear", checkIn.GetProperty("note").GetString());
        Assert.True(checkIn.GetProperty("warning").GetBoolean());
        Assert.Equal(["swelling:warning", "flaking:normal"],
            checkIn.GetProperty("signs").EnumerateArray().Select(s => $"{s.GetProperty("code").GetString()}:{s.GetProperty("verdict").GetString()}").ToArray());
        var url = checkIn.GetProperty("photos")[0].GetProperty("url").GetString()!;
        var image = await api.Client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        using var decoded = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
        Assert.Equal((80, 60), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task WarningSign_SaysWhatToDoNow_WithTheClinicsNumber_AndRaisesAnAuditedAlert()
    {
        var (clinic, client, token) = await ClientWithLinkAsync();

        var (response, text) = await CheckInForm.SendAsync(Phone(), token, ["swelling"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Call the clinic now", text);
        Assert.Contains("Stop using every product on your scalp and call the clinic now.", text);
        Assert.DoesNotContain("001", text); // source ids stay in the code
        var checkIn = await _app.WithDbAsync(db => db.CheckIns.IgnoreQueryFilters().SingleAsync(c => c.ClientId == client.Id));
        Assert.True(checkIn.IsOpenAlert);
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.ClinicId == clinic.Id && a.ClientId == client.Id && a.Action == "checkin.warning")));
    }

    [Fact]
    public async Task TooManyCheckInsFromOneLink_AreRefusedWithASentence()
    {
        var (_, _, token) = await ClientWithLinkAsync();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CheckInForm.SendAsync(Phone(), token, ["fine"])).Response.StatusCode);
        }

        var (response, text) = await CheckInForm.SendAsync(Phone(), token, ["fine"]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("You have sent several check-ins in the last hour.", text);
    }

    public void Dispose() => _app.Dispose();
}
