using Microsoft.AspNetCore.Identity;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Account;

public static class LogoutEndpoint
{
    public static async Task<IResult> Handle(SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }
}
