using System.Collections;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace SmpAftercare.Web.Components.Ui;

/// <summary>
/// Runs the form model's FluentValidation validator when the form is submitted and shows the messages next to
/// each field (the is-invalid class, which css/account.css outlines in red). Synchronous rules only: EditContext.Validate is synchronous.
/// </summary>
public sealed class FluentValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _context;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    protected override void OnInitialized()
    {
        _context = CurrentEditContext ?? throw new InvalidOperationException($"{nameof(FluentValidator)} must sit inside an EditForm.");
        _messages = new ValidationMessageStore(_context);
        _context.SetFieldCssClassProvider(new InvalidFieldCss());
        _context.OnValidationRequested += Validate;
    }

    public void Dispose()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= Validate;
        }
    }

    private void Validate(object? sender, ValidationRequestedEventArgs e)
    {
        var model = _context!.Model;
        var validatorType = typeof(IValidator<>).MakeGenericType(model.GetType());
        var validator = (IValidator)(Services.GetService(validatorType)
            ?? throw new InvalidOperationException($"No validator registered for {model.GetType().Name}."));
        _messages!.Clear();
        var result = validator.Validate(new ValidationContext<object>(model));
        foreach (var error in result.Errors)
        {
            _messages.Add(FieldFor(model, error.PropertyName), error.ErrorMessage);
        }

        _context.NotifyValidationStateChanged();
    }

    /// <summary>Finds the object that owns a nested property path such as "Rules[2].ToDay".</summary>
    private static FieldIdentifier FieldFor(object model, string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new FieldIdentifier(model, string.Empty);
        }

        var owner = model;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            owner = Step(owner, parts[i]) ?? owner;
        }

        return new FieldIdentifier(owner, parts[^1].Split('[')[0]);
    }

    private static object? Step(object owner, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? part : part[..bracket];
        var value = owner.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(owner);
        if (bracket >= 0 && value is IList list && int.TryParse(part[(bracket + 1)..^1], out var index) && index < list.Count)
        {
            return list[index];
        }

        return value;
    }

    private sealed class InvalidFieldCss : FieldCssClassProvider
    {
        public override string GetFieldCssClass(EditContext editContext, in FieldIdentifier fieldIdentifier) =>
            editContext.GetValidationMessages(fieldIdentifier).Any() ? "is-invalid" : string.Empty;
    }
}
