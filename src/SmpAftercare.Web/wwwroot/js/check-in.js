// Makes the check-in form (CheckInSection.razor) nicer where script runs: a preview of each chosen photo, a size
// check before a long upload, and a button that says it is sending. The form works the same without it.
(function () {
    "use strict";
    const form = document.querySelector("form.ci-form");
    if (!form) {
        return;
    }

    const maxBytes = Number(form.dataset.maxBytes) || 0;
    form.querySelectorAll("input[type=file]").forEach(function (input) {
        input.addEventListener("change", function () {
            const output = form.querySelector("output[for='" + input.id + "']");
            if (output) {
                output.textContent = "";
            }

            const file = input.files && input.files[0];
            if (!file) {
                return;
            }

            if (maxBytes && file.size > maxBytes) {
                input.value = "";
                if (output) {
                    output.textContent = "This photo is " + (file.size / 1048576).toFixed(1) + " MB; the limit is " + (maxBytes / 1048576).toFixed(0) + " MB. Please choose a smaller one.";
                }
                return;
            }

            // A data: address, because the page's security policy allows no blob: images.
            const reader = new FileReader();
            reader.onload = function () {
                if (output) {
                    const img = document.createElement("img");
                    img.alt = "The photo you chose";
                    img.src = String(reader.result);
                    output.appendChild(img);
                }
            };
            reader.readAsDataURL(file);
        });
    });

    form.addEventListener("submit", function () {
        const button = form.querySelector("button[type=submit]");
        if (button) {
            // Disabled a moment later, so the browser still sends the form.
            setTimeout(function () {
                button.disabled = true;
                button.textContent = "Sending…";
            }, 0);
        }
    });
})();
