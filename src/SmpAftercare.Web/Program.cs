using SmpAftercare.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddSmpAftercare();

var app = builder.Build();
await app.Services.InitialiseDatabaseAsync();
app.UseSmpAftercare();
await app.RunAsync();
