using FluentValidation;

namespace SmpAftercare.Web.Components.Ui;

/// <summary>
/// Lets a MudForm validate each field as it is typed in with the model's FluentValidation validator:
/// <c>&lt;MudForm Model="_input" Validation="@Validator.ValidateValue"&gt;</c> and <c>For="() => _input.Field"</c> on each
/// input. MudBlazor passes the object owning the field (a row of a list for nested fields) and the field's name;
/// that object's own validator from DI answers. Only that field's messages come back.
/// </summary>
public sealed class FluentValueValidator(IServiceProvider services)
{
    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => ValidateAsync;

    private async Task<IEnumerable<string>> ValidateAsync(object model, string propertyName)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(model.GetType())) is not IValidator validator)
        {
            return [];
        }

        var result = await validator.ValidateAsync(ValidationContext<object>.CreateWithOptions(model, o => o.IncludeProperties(propertyName)));
        return result.Errors.Where(e => e.PropertyName == propertyName).Select(e => e.ErrorMessage).ToList();
    }

    /// <summary>
    /// The whole model, as the server checks it before saving (a field never touched is checked too): the
    /// messages of every rule that fails, in order, for a summary next to the button.
    /// </summary>
    public async Task<IReadOnlyList<string>> ValidateAllAsync<T>(T model)
    {
        var validator = services.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(model);
        return [.. result.Errors.Select(e => e.ErrorMessage).Distinct()];
    }
}
