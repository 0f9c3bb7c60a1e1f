namespace SmpAftercare.Data;

/// <summary>The clinic of whoever is making the request; null outside a signed-in request.</summary>
public interface ICurrentClinic
{
    Guid? ClinicId { get; }
}
