// Copies a client's personal link for the staff card. A file, not inline script: the staff CSP allows scripts
// from this app only. navigator.clipboard needs a secure context (https or localhost); elsewhere the field's
// text is selected and copied the older way.
export async function copy(text, fieldId) {
    try {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return true;
        }
    } catch {
        // Permission refused: try the fallback below.
    }

    const field = document.getElementById(fieldId);
    if (!field) {
        return false;
    }

    field.focus();
    field.select();
    try {
        return document.execCommand("copy");
    } catch {
        return false;
    }
}
