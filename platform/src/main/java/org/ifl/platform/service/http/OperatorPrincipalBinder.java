package org.ifl.platform.service.http;

import io.micronaut.core.bind.ArgumentBinder.BindingResult;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.Optional;

/**
 * Gives an endpoint's {@link Principal} argument the operator that {@link AdminAccessFilter} recognised, so that
 * health's {@code details-visible: AUTHENTICATED} shows the details to the operator only. Micronaut binds a
 * principal only with micronaut-security; the filter runs after the first binding, hence the postponed one.
 */
@Singleton
final class OperatorPrincipalBinder implements TypedRequestArgumentBinder<Principal>,
        PostponedRequestArgumentBinder<Principal> {

    @Override
    public Argument<Principal> argumentType() {
        return Argument.of(Principal.class);
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> request) {
        return BindingResult.unsatisfied();
    }

    @Override
    public BindingResult<Principal> bindPostponed(ArgumentConversionContext<Principal> context,
            HttpRequest<?> request) {
        Optional<Principal> operator = request.getUserPrincipal();
        return operator.isPresent() ? () -> operator : BindingResult.empty();
    }
}
