using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Infrastructure;

if (AdminCli.IsCommand(args))
{
    return await AdminCli.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
if (StartupChecks.Refuse(builder.Configuration, Console.Error))
{
    return 1;
}

builder.AddSmpAftercare();

var app = builder.Build();
await app.Services.InitialiseDatabaseAsync();
app.UseSmpAftercare();
await app.RunAsync();
return 0;
