package app

import (
	"fmt"
	"net/http"

	"github.com/cosmos/cosmos-sdk/client"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/gorilla/mux"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/utilities"

	atypes "github.com/akt-project/akt/chain/types/audit/v1"
	btypes "github.com/akt-project/akt/chain/types/bme/v1"
	ctypes "github.com/akt-project/akt/chain/types/cert/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"
)

// restRoute maps a REST path of Akash's gRPC gateway to a query method.
type restRoute struct {
	path, method string
	req, resp    func() gogoproto.Message
}

// akashRESTRoutes are the REST paths of the Akash queries, as the live chain's gateway
// serves them (query parameters like filters.owner, pagination.limit; path variables fill
// the field of the same name).
func akashRESTRoutes() []restRoute {
	r := func(path, method string, req, resp func() gogoproto.Message) restRoute {
		return restRoute{path: path, method: method, req: req, resp: resp}
	}
	return []restRoute{
		r("/akash/deployment/v1beta4/deployments/list", "/akash.deployment.v1beta4.Query/Deployments",
			func() gogoproto.Message { return &dtypes.QueryDeploymentsRequest{} }, func() gogoproto.Message { return &dtypes.QueryDeploymentsResponse{} }),
		r("/akash/deployment/v1beta4/deployments/info", "/akash.deployment.v1beta4.Query/Deployment",
			func() gogoproto.Message { return &dtypes.QueryDeploymentRequest{} }, func() gogoproto.Message { return &dtypes.QueryDeploymentResponse{} }),
		r("/akash/deployment/v1beta4/groups/info", "/akash.deployment.v1beta4.Query/Group",
			func() gogoproto.Message { return &dtypes.QueryGroupRequest{} }, func() gogoproto.Message { return &dtypes.QueryGroupResponse{} }),
		r("/akash/deployment/v1beta4/params", "/akash.deployment.v1beta4.Query/Params",
			func() gogoproto.Message { return &dtypes.QueryParamsRequest{} }, func() gogoproto.Message { return &dtypes.QueryParamsResponse{} }),
		r("/akash/market/v1beta5/orders/list", "/akash.market.v1beta5.Query/Orders",
			func() gogoproto.Message { return &mtypes.QueryOrdersRequest{} }, func() gogoproto.Message { return &mtypes.QueryOrdersResponse{} }),
		r("/akash/market/v1beta5/orders/info", "/akash.market.v1beta5.Query/Order",
			func() gogoproto.Message { return &mtypes.QueryOrderRequest{} }, func() gogoproto.Message { return &mtypes.QueryOrderResponse{} }),
		r("/akash/market/v1beta5/bids/list", "/akash.market.v1beta5.Query/Bids",
			func() gogoproto.Message { return &mtypes.QueryBidsRequest{} }, func() gogoproto.Message { return &mtypes.QueryBidsResponse{} }),
		r("/akash/market/v1beta5/bids/info", "/akash.market.v1beta5.Query/Bid",
			func() gogoproto.Message { return &mtypes.QueryBidRequest{} }, func() gogoproto.Message { return &mtypes.QueryBidResponse{} }),
		r("/akash/market/v1beta5/leases/list", "/akash.market.v1beta5.Query/Leases",
			func() gogoproto.Message { return &mtypes.QueryLeasesRequest{} }, func() gogoproto.Message { return &mtypes.QueryLeasesResponse{} }),
		r("/akash/market/v1beta5/leases/info", "/akash.market.v1beta5.Query/Lease",
			func() gogoproto.Message { return &mtypes.QueryLeaseRequest{} }, func() gogoproto.Message { return &mtypes.QueryLeaseResponse{} }),
		r("/akash/market/v1beta5/params", "/akash.market.v1beta5.Query/Params",
			func() gogoproto.Message { return &mtypes.QueryParamsRequest{} }, func() gogoproto.Message { return &mtypes.QueryParamsResponse{} }),
		r("/akash/provider/v1beta4/providers", "/akash.provider.v1beta4.Query/Providers",
			func() gogoproto.Message { return &ptypes.QueryProvidersRequest{} }, func() gogoproto.Message { return &ptypes.QueryProvidersResponse{} }),
		r("/akash/provider/v1beta4/providers/{owner}", "/akash.provider.v1beta4.Query/Provider",
			func() gogoproto.Message { return &ptypes.QueryProviderRequest{} }, func() gogoproto.Message { return &ptypes.QueryProviderResponse{} }),
		r("/akash/audit/v1/audit/attributes/list", "/akash.audit.v1.Query/AllProvidersAttributes",
			func() gogoproto.Message { return &atypes.QueryAllProvidersAttributesRequest{} }, func() gogoproto.Message { return &atypes.QueryProvidersResponse{} }),
		r("/akash/audit/v1/audit/attributes/{owner}/list", "/akash.audit.v1.Query/ProviderAttributes",
			func() gogoproto.Message { return &atypes.QueryProviderAttributesRequest{} }, func() gogoproto.Message { return &atypes.QueryProvidersResponse{} }),
		r("/akash/cert/v1/certificates/list", "/akash.cert.v1.Query/Certificates",
			func() gogoproto.Message { return &ctypes.QueryCertificatesRequest{} }, func() gogoproto.Message { return &ctypes.QueryCertificatesResponse{} }),
		r("/akash/escrow/v1/types/accounts", "/akash.escrow.v1.Query/Accounts",
			func() gogoproto.Message { return &escrowv1.QueryAccountsRequest{} }, func() gogoproto.Message { return &escrowv1.QueryAccountsResponse{} }),
		r("/akash/escrow/v1/types/payments", "/akash.escrow.v1.Query/Payments",
			func() gogoproto.Message { return &escrowv1.QueryPaymentsRequest{} }, func() gogoproto.Message { return &escrowv1.QueryPaymentsResponse{} }),
		r("/akash/bme/v1/params", "/akash.bme.v1.Query/Params",
			func() gogoproto.Message { return &btypes.QueryParamsRequest{} }, func() gogoproto.Message { return &btypes.QueryParamsResponse{} }),
		r("/akash/bme/v1/vault", "/akash.bme.v1.Query/VaultState",
			func() gogoproto.Message { return &btypes.QueryVaultStateRequest{} }, func() gogoproto.Message { return &btypes.QueryVaultStateResponse{} }),
		r("/akash/bme/v1/status", "/akash.bme.v1.Query/Status",
			func() gogoproto.Message { return &btypes.QueryStatusRequest{} }, func() gogoproto.Message { return &btypes.QueryStatusResponse{} }),
		r("/akash/bme/v1/ledger", "/akash.bme.v1.Query/LedgerRecords",
			func() gogoproto.Message { return &btypes.QueryLedgerRecordsRequest{} }, func() gogoproto.Message { return &btypes.QueryLedgerRecordsResponse{} }),
	}
}

// registerAkashREST mounts the Akash query REST paths on the API router: each reads its
// request from the query string (and path variables), runs the query like a gRPC call and
// answers proto JSON.
func registerAkashREST(router *mux.Router, cctx client.Context) {
	for _, rt := range akashRESTRoutes() {
		router.HandleFunc(rt.path, func(w http.ResponseWriter, r *http.Request) {
			req := rt.req()
			values := r.URL.Query()
			for k, v := range mux.Vars(r) {
				values.Set(k, v)
			}
			if err := gwruntime.PopulateQueryParameters(req, values, utilities.NewDoubleArray(nil)); err != nil {
				http.Error(w, fmt.Sprintf(`{"code":3,"message":%q}`, err.Error()), http.StatusBadRequest)
				return
			}
			resp := rt.resp()
			if err := cctx.Invoke(r.Context(), rt.method, req, resp); err != nil {
				http.Error(w, fmt.Sprintf(`{"code":5,"message":%q}`, err.Error()), http.StatusNotFound)
				return
			}
			out, err := cctx.Codec.MarshalJSON(resp)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(out)
		}).Methods(http.MethodGet)
	}
}
