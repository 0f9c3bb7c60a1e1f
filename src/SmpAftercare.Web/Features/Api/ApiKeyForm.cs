using FluentValidation;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Api;

/// <summary>A new API key's name; used by the owner's page and the command line.</summary>
public sealed class ApiKeyForm
{
    public string Label { get; set; } = string.Empty;
}

public sealed class ApiKeyFormValidator : AbstractValidator<ApiKeyForm>
{
    public ApiKeyFormValidator()
    {
        RuleFor(f => f.Label)
            .NotEmpty().WithMessage("Name the key after what will use it, like \"Booking system\".")
            .MaximumLength(ApiKey.MaxLabelLength).WithMessage($"Keep the name under {ApiKey.MaxLabelLength} characters.");
    }
}
